package community.dispatch.volunteer.dispatching;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.timers.DatabaseTimer;

/** Expires unanswered offers from the database, so a restart or a second instance neither loses nor repeats one. */
@Configuration(proxyBeanMethods = false)
class OfferTimers {

    @Bean
    DatabaseTimer offerTimer(Dispatcher dispatcher, @Value("${dispatch.dispatching.timer-interval:5s}") Duration interval) {
        return new DatabaseTimer("Offer timers", interval, 100, dispatcher::expireOverdueOffers);
    }
}
