/** Tests of the dashboard and inbox read models and of the summaries the store keeps for them, on H2 and PostgreSQL. */
package dev.agh.observe;
