package community.dispatch.request.requests;

/** How a need reached the community. */
public enum Channel {
    APP, GRID_REPORT, VISIT, HOTLINE, MUNICIPAL
}
