package community.dispatch.kit.time;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The community's own calendar and ground: business days, weekly quotas, availability windows and statements
 * are counted in its zone ({@code dispatch.community.zone}); instants stay UTC everywhere else. Places given
 * by coordinates (buildings, where help is wanted) must lie in its area ({@code dispatch.community.area}, a
 * box in WGS 84 degrees; the default covers Huaibei's Xiangshan district, where the demo community is).
 */
@ConfigurationProperties("dispatch.community")
public record CommunityProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue Area area) {

    public record Area(@DefaultValue("33.90") double south, @DefaultValue("116.72") double west,
            @DefaultValue("34.02") double north, @DefaultValue("116.88") double east) {

        /** Whether the point lies in the area, edges included. */
        public boolean contains(double latitude, double longitude) {
            return latitude >= south && latitude <= north && longitude >= west && longitude <= east;
        }
    }
}
