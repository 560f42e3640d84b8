package community.dispatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void everyTypeNameAndRecordIsListedOnce() {
        Set<String> names = EventCatalog.ALL.stream().map(EventType::name).collect(Collectors.toSet());
        Set<Class<?>> classes = EventCatalog.ALL.stream().map(EventType::dataClass).collect(Collectors.toSet());

        assertThat(names).hasSameSizeAs(EventCatalog.ALL);
        assertThat(classes).hasSameSizeAs(EventCatalog.ALL);
    }

    @Test
    void eachAggregateHasItsOwnTopic() {
        assertThat(EventCatalog.ALL).allSatisfy(type -> {
            String aggregate = type.name().split("\\.")[2];
            assertThat(type.topic()).isEqualTo(switch (aggregate) {
                case "request" -> Topics.REQUEST_EVENTS;
                case "order" -> Topics.ORDER_EVENTS;
                case "member" -> Topics.MEMBER_EVENTS;
                case "intake" -> Topics.INTAKE_CHANNEL;
                default -> "unexpected aggregate " + aggregate;
            });
            assertThat(type.name()).matches("community\\.dispatch\\.[a-z]+\\.[a-z-]+\\.v\\d+");
        });
    }
}
