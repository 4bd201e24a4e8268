/**
 * The property-based fuzz suite: every operation of the HTTP API, called with generated bad input (random path
 * ids, query values and JSON bodies built from the API description's own field names, with wrong types, control
 * characters, huge and deeply nested values), on H2 and PostgreSQL. No answer may be a 500, every status must be
 * documented for its operation, and every body must match the API description.
 */
package dev.agh.fuzz;
