/** {@code agh bench …}: measurements printed as JSON for BENCHMARKS.md. */
package dev.agh.cli.bench;
