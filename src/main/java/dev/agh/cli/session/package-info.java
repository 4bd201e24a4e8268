/** {@code agh session …}: creating and stopping agent sessions. */
package dev.agh.cli.session;
