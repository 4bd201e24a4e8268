/** Tests of the HTTP face: a real server on a random port, every response checked against the OpenAPI document. */
package dev.agh.http;
