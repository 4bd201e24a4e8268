/** {@code agh run …}: the operator's commands on {@code /api/task-runs}. */
package dev.agh.cli.run;
