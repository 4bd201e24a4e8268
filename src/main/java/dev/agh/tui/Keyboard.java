package dev.agh.tui;

import dev.agh.tui.Key.Kind;
import java.util.concurrent.BlockingQueue;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * Reads key presses on a thread of its own and queues them decoded. Escape sequences come from the
 * terminal's capabilities plus the common xterm forms, so arrows work whichever mode the keypad is in.
 */
final class Keyboard implements Runnable {
    /** Stands for "any other character"; the reader's last binding says which. */
    private static final Key UNICODE = Key.of(Kind.CHAR);

    private final Terminal terminal;
    private final BlockingQueue<Input> inputs;

    Keyboard(Terminal terminal, BlockingQueue<Input> inputs) {
        this.terminal = terminal;
        this.inputs = inputs;
    }

    static Thread start(Terminal terminal, BlockingQueue<Input> inputs) {
        Thread thread = new Thread(new Keyboard(terminal, inputs), "agh-tui-keys");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        BindingReader reader = new BindingReader(terminal.reader());
        KeyMap<Key> keys = keyMap();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Key key = reader.readBinding(keys);
                if (key == null) {
                    break;
                }
                if (key == UNICODE) {
                    String last = reader.getLastBinding();
                    if (last == null || last.isEmpty()) {
                        continue;
                    }
                    key = Key.of(last.charAt(0));
                }
                inputs.add(new Input.Pressed(key));
            }
        } catch (RuntimeException e) {
            // The terminal was closed under the reader (shutdown): nothing more to read.
        }
        inputs.add(new Input.Closed());
    }

    private KeyMap<Key> keyMap() {
        KeyMap<Key> map = new KeyMap<>();
        for (char c = ' '; c < 127; c++) {
            map.bind(Key.of(c), Character.toString(c));
        }
        map.setUnicode(UNICODE);
        map.bind(Key.of(Kind.ENTER), "\r", "\n");
        map.bind(Key.of(Kind.TAB), "\t");
        map.bind(Key.of(Kind.BACKSPACE), KeyMap.del(), KeyMap.ctrl('H'));
        map.bind(Key.of(Kind.INTERRUPT), KeyMap.ctrl('C'));
        map.bind(Key.of(Kind.ESCAPE), KeyMap.esc());
        bind(map, Kind.UP, Capability.key_up, "\033[A", "\033OA");
        bind(map, Kind.DOWN, Capability.key_down, "\033[B", "\033OB");
        bind(map, Kind.LEFT, Capability.key_left, "\033[D", "\033OD");
        bind(map, Kind.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~");
        bind(map, Kind.END, Capability.key_end, "\033[F", "\033OF", "\033[4~");
        bind(map, Kind.PAGE_UP, Capability.key_ppage, "\033[5~");
        bind(map, Kind.PAGE_DOWN, Capability.key_npage, "\033[6~");
        bind(map, Kind.BACK_TAB, Capability.key_btab, "\033[Z");
        // A lone ESC is told from the start of a sequence by waiting this long for more.
        map.setAmbiguousTimeout(100);
        return map;
    }

    private void bind(KeyMap<Key> map, Kind kind, Capability capability, String... fallbacks) {
        Key key = Key.of(kind);
        String fromTerminal = KeyMap.key(terminal, capability);
        if (fromTerminal != null && !fromTerminal.isEmpty()) {
            map.bind(key, fromTerminal);
        }
        for (String sequence : fallbacks) {
            map.bindIfNotBound(key, sequence);
        }
    }
}
