/** The HTTP face of the service: Javalin routes, bearer-token filter, error mapping and SSE. */
package dev.agh.http;
