package community.dispatch.member.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.time.CommunityCalendar;
import community.dispatch.member.signin.AccountAlarm;
import community.dispatch.member.messages.SmsSender;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import community.dispatch.member.messages.PushSender;

/**
 * Tells people what events mean for them beyond the open app. An event makes one notification per
 * person (a repeat of the event makes none: the inbox and the table's key see to it), due at once or
 * as the person's quiet hours end; a timer sends what is due by the first of their channels that
 * reaches them, in their language — at least once: a crash between sending and recording sends again.
 */
@Service
class Notifier implements AccountAlarm {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotificationStore store;
    private final SmsSender sms;
    private final PushSender push;
    private final CommunityCalendar calendar;
    private final Clock clock;
    private final TransactionalOperator transactions;

    Notifier(NotificationStore store, SmsSender sms, ObjectProvider<PushSender> push, CommunityCalendar calendar, Clock clock,
            TransactionalOperator transactions) {
        this.store = store;
        this.sms = sms;
        this.push = push.getIfAvailable();
        this.calendar = calendar;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Makes the notification of an occasion (one per person however often its event comes) for a member of the register (anyone else is nobody to tell). */
    Mono<Void> tell(String occasion, UUID member, Notification.Kind kind, Instant staleAfter) {
        Instant now = clock.instant();
        return store.isMember(member).filter(Boolean::booleanValue)
                .flatMap(known -> store.settings(member))
                .map(settings -> settings.quietHours() == null ? now : settings.quietHours().release(now, calendar.zone()))
                .flatMap(due -> store.record(Notification.of(occasion, member, kind, due, staleAfter)));
    }

    /** Every admin is told, once an hour per account, that its password is being guessed past the ceiling. */
    @Override
    public Mono<Void> raise(String username, Instant at) {
        String occasion = "signin-ceiling/" + username + "/" + at.truncatedTo(ChronoUnit.HOURS);
        return store.admins().concatMap(admin -> tell(occasion, admin, Notification.Kind.SIGN_IN_GUESSING, null)).then();
    }

    Flux<Notification> of(UUID member, int limit) {
        return store.of(member, limit);
    }

    Mono<NotificationSettings> settingsOf(UUID member) {
        return store.settings(member);
    }

    /** Saves how the member wants to be told; answers the settings as stored. */
    Mono<NotificationSettings> choose(UUID member, NotificationSettings settings) {
        return store.saveSettings(member, settings, clock.instant()).then(store.settings(member));
    }

    /** One round of the sending timer: what is due by {@code now}, at most {@code limit}. */
    Mono<Long> sendDue(Instant now, int limit) {
        return transactions.transactional(store.claimDue(now, limit).concatMap(due -> send(due, now)).count());
    }

    private Mono<Void> send(Notification due, Instant now) {
        if (due.staleAfter() != null && now.isAfter(due.staleAfter())) {
            return store.settle(due.id(), Notification.Status.STALE, null, null, now);
        }
        return Mono.zip(store.settings(due.memberId()), store.phoneOf(due.memberId()).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(found -> {
                    NotificationSettings settings = found.getT1();
                    Optional<String> phone = found.getT2();
                    String text = NotificationText.of(due.kind(), settings.language(), due.staleAfter(), calendar.zone());
                    for (Channel channel : settings.channels()) {
                        if (channel == Channel.PUSH && push != null && settings.pushDevice() != null && phone.isPresent()) {
                            return push.push(settings.pushDevice(), NotificationText.title(settings.language()), text)
                                    .then(store.settle(due.id(), Notification.Status.SENT, channel, text, now));
                        }
                        if (channel == Channel.SMS && phone.isPresent()) {
                            return sms.send(phone.get(), text).then(store.settle(due.id(), Notification.Status.SENT, channel, text, now));
                        }
                    }
                    log.debug("Notification {} reaches member {} by none of their channels", due.id(), due.memberId());
                    return store.settle(due.id(), Notification.Status.NOT_SENT, null, text, now);
                });
    }
}
