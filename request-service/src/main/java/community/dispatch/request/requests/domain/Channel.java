package community.dispatch.request.requests.domain;

/** How a need reached the community. */
public enum Channel {
    APP, GRID_REPORT, VISIT, HOTLINE, MUNICIPAL
}
