/** Test-only helpers, such as checking HTTP responses against the shared Tasks API contract. */
package dev.agh.testing;
