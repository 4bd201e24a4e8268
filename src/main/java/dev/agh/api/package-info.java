/** The wire contract: JSON request and response records of the Tasks API and the one ObjectMapper. */
package dev.agh.api;
