package community.dispatch.member.notifications;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.member.messages.MessageSandbox;
import community.dispatch.member.messages.SandboxPush;
import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@Validated
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Being told of offers and of your requests' progress outside the open app: by push or SMS, not in your quiet hours, in your language.")
@RequiredArgsConstructor
class NotificationsController {

    private final Notifier notifier;
    private final MessageSandbox sandbox;

    @GetMapping
    @Operation(summary = "What you were told (or will be, after your quiet hours)", description = "Newest first.")
    Flux<Notification> mine(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, @AuthenticationPrincipal Jwt jwt) {
        return notifier.of(Caller.of(jwt).memberId(), limit);
    }

    @GetMapping("/settings")
    @Operation(summary = "How you are told", description = "The defaults until you set them: push, else SMS; no quiet hours; Simplified Chinese.")
    Mono<NotificationSettings.View> settings(@AuthenticationPrincipal Jwt jwt) {
        return notifier.settingsOf(Caller.of(jwt).memberId()).map(NotificationSettings.View::of);
    }

    @PutMapping("/settings")
    @Operation(summary = "Choose how you are told", description = """
            Channels in order of preference (the first that reaches you is used; none: only in the app), quiet hours \
            in community time (what falls in them is sent as they end; an offer that expired meanwhile is not), \
            the language, and the push registration your phone's app got from its vendor's push service.""")
    Mono<NotificationSettings.View> choose(@Valid @RequestBody NotificationSettings.View body, @AuthenticationPrincipal Jwt jwt) {
        NotificationSettings settings = body.settings();
        return Mono.fromCallable(() -> Caller.of(jwt).memberId())
                .flatMap(member -> notifier.choose(member, settings))
                .map(NotificationSettings.View::of);
    }

    @GetMapping("/push-sandbox")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Read the push sandbox (admins)", description = "Push notifications the system would have sent in the last hour, newest first; only where the sandbox is on (DISPATCH_PUSH_SANDBOX=true), otherwise 404.")
    Flux<SandboxPush> pushSandbox(@RequestParam(required = false) @Pattern(regexp = "^[\\x21-\\x7e]{1,200}$") String device,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return !sandbox.keepsPushes() ? Flux.error(DomainException.notFound("no-push-sandbox",
                "Push notifications go to the provider here, not kept.")) : sandbox.pushes(device, limit);
    }
}
