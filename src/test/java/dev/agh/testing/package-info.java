/** Test-only helpers, such as checking HTTP responses against the OpenAPI document (openapi.json). */
package dev.agh.testing;
