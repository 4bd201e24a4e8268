/** {@code agh task …}: commands for {@code /api/tasks}. */
package dev.agh.cli.task;
