package dev.agh.tui;

import java.util.List;

/** The state after a key, and the work it asks for. */
public record Transition(TuiState state, List<Effect> effects) {
    public static Transition of(TuiState state, Effect... effects) {
        return new Transition(state, List.of(effects));
    }
}
