package community.dispatch.volunteer.dispatching;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The most hours one order earns ({@code dispatch.dispatching.hours.*}): 8 unless a category says
 * otherwise (e.g. {@code per-category.free-clinic=10h}).
 */
@ConfigurationProperties("dispatch.dispatching.hours")
record HoursCap(@DefaultValue("8h") Duration perOrder, Map<String, Duration> perCategory) {

    HoursCap {
        perCategory = perCategory == null ? Map.of() : Map.copyOf(perCategory);
    }

    double forCategory(String category) {
        return perCategory.getOrDefault(category, perOrder).toMinutes() / 60.0;
    }
}
