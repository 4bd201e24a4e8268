/** Tests of {@code agh worker}'s loop against a real embedded service and real child processes. */
package dev.agh.worker;
