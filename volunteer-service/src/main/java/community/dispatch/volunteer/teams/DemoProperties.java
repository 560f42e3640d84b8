package community.dispatch.volunteer.teams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether the demo community is loaded ({@code dispatch.demo-data.enabled}; the single-node stack's default). */
@ConfigurationProperties("dispatch.demo-data")
record DemoProperties(@DefaultValue("false") boolean enabled) {
}
