package dev.agh.cli.store;

import picocli.CommandLine.Command;

/** {@code agh store}: the group of store commands. */
@Command(
        name = "store",
        description = "Check, prune, back up and restore the store.",
        footer = {
            "",
            "Examples:",
            "  agh store check",
            "  agh store prune --older-than 30d --dry-run",
            "  agh store backup ~/agh-$(date +%F).zip",
            "  agh store restore ~/agh-2026-12-01.zip"
        },
        subcommands = {
            StoreCheckCommand.class,
            StorePruneCommand.class,
            StoreCompactCommand.class,
            StoreBackupCommand.class,
            StoreRestoreCommand.class
        })
public final class StoreCommand {}
