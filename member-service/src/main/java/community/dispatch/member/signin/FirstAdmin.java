package community.dispatch.member.signin;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import community.dispatch.errors.DomainException;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.NewMember;
import community.dispatch.member.people.Role;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * On the first start, creates the {@code admin} account: its password is {@code DISPATCH_ADMIN_PASSWORD},
 * or one generated and printed once. Later starts leave it alone.
 */
@Component
@Order(0)
@RequiredArgsConstructor
class FirstAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final MemberDirectory directory;
    private final SignInProperties properties;

    @Override
    public void run(ApplicationArguments args) {
        // Start-up, on the main thread: the service must not report ready before an admin can sign in.
        ensureAdmin().block(Duration.ofSeconds(60));
    }

    Mono<Void> ensureAdmin() {
        return directory.usernameExists(USERNAME)
                .flatMap(exists -> exists ? Mono.empty() : create());
    }

    private Mono<Void> create() {
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? Secrets.token() : properties.adminPassword();
        return directory.registerInternally(new NewMember(null, "Administrator 管理員", null, null, Set.of(Role.ADMIN),
                        null, null, false, USERNAME, password))
                .doOnNext(admin -> {
                    if (generated) {
                        System.out.printf("%n  The first admin account was created: username '%s', password '%s'.%n"
                                + "  It is shown only this once; set DISPATCH_ADMIN_PASSWORD to choose it.%n%n",
                                USERNAME, password);
                    }
                    else {
                        log.info("Created the first admin account '{}' with the configured password", USERNAME);
                    }
                })
                .onErrorResume(DomainException.class, raced -> Mono.empty())
                .then();
    }
}
