/**
 * {@code agh worker -- CMD}: turns any command-line program into a task consumer. It claims runs under
 * an agent session, runs the command once per run with the task on its stdin, keeps the lease alive
 * while it runs, and completes or fails the run by the command's exit status.
 */
package dev.agh.worker;
