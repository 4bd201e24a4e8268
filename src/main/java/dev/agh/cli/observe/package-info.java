/** {@code agh dashboard} and {@code agh inbox}: the observe read models on the command line. */
package dev.agh.cli.observe;
