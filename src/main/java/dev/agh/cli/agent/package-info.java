/** {@code agh agent …}: the agent's lease path on {@code /api/agent/tasks}. */
package dev.agh.cli.agent;
