/** Tests of the HTTP face: a real server on a random port, every response checked against the shared contract. */
package dev.agh.http;
