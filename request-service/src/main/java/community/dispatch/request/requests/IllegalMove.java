package community.dispatch.request.requests;

/** A status change the lifecycle does not allow from where the request is. */
public class IllegalMove extends RuntimeException {

    private final Status from;
    private final Status to;

    public IllegalMove(Status from, Status to) {
        super("A request that is " + from + " cannot become " + to + ".");
        this.from = from;
        this.to = to;
    }

    public Status from() {
        return from;
    }

    public Status to() {
        return to;
    }
}
