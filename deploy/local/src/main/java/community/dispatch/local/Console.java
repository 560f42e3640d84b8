package community.dispatch.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own voice on standard output. */
final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {
    }

    static void say(String message, Object... args) {
        System.out.println(LocalTime.now().format(TIME) + "  " + String.format(message, args));
        System.out.flush();
    }
}
