/** Benchmarks behind {@code agh bench}: they measure the real service, embedded or over HTTP. */
package dev.agh.app.bench;
