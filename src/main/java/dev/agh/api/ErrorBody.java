package dev.agh.api;

/** Every error response: a message for people and a stable code for programs. */
public record ErrorBody(String error, String code) {}
