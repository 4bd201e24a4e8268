package dev.agh.cli;

/** How results are printed: tables for people, the API body for programs. */
public enum OutputFormat {
    human,
    json,
    jsonl
}
