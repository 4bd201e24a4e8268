/** Unit tests of the domain rules. */
package dev.agh.domain;
