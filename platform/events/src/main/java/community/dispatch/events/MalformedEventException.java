package community.dispatch.events;

/**
 * A record that cannot be read as a known CloudEvent. Retrying cannot help: such a record goes
 * straight to the dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
