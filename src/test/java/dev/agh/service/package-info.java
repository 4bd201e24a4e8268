/**
 * Tests of the service layer: {@code TaskServiceContract} states the behaviour of every {@code
 * TaskService} once, and one subclass per implementation (local on H2, local on PostgreSQL, HTTP)
 * proves they all behave the same.
 */
package dev.agh.service;
