/**
 * Tests of the HTTP client's own behaviour, against hand-written servers that misbehave in ways the
 * real one cannot be made to (a connection that goes silent, an answer that never comes).
 */
package dev.agh.client;
