package community.dispatch.member.signin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.locks.WorkLocks;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.NewMember;
import community.dispatch.member.people.domain.Role;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;
import community.dispatch.member.tokens.Secrets;

/**
 * On the first start, creates the {@code admin} account: its password is {@code DISPATCH_ADMIN_PASSWORD},
 * or one generated and handed over without touching a log: written to {@code DISPATCH_ADMIN_PASSWORD_FILE},
 * readable only by its owner (with neither, the service does not start), and to be changed at the first
 * sign-in. Later starts, and other instances, leave it alone.
 */
@Component
@Order(0)
@RequiredArgsConstructor
class FirstAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final MemberDirectory directory;
    private final CredentialStore credentials;
    private final SignInProperties properties;
    private final WorkLocks locks;

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.adminPassword();
        if (!configured.isBlank() && (configured.length() < Accounts.MIN_PASSWORD_LENGTH || configured.strip().chars().distinct().count() < 4)) {
            // The same rule as any password a member chooses: a weak first admin password is refused, not used.
            throw new IllegalStateException("DISPATCH_ADMIN_PASSWORD is too weak: use at least " + Accounts.MIN_PASSWORD_LENGTH
                    + " characters, not one or two repeated (or leave it unset to have one generated)");
        }
        // Start-up, on the main thread: the service must not report ready before an admin can sign in.
        ensureAdmin().block(Duration.ofSeconds(60));
    }

    Mono<Void> ensureAdmin() {
        // Instances starting together: the second waits for the first's admin, then finds it.
        return locks.oneAtATime("first-admin", directory.usernameExists(USERNAME)
                .flatMap(exists -> exists ? Mono.empty() : create()));
    }

    private Mono<Void> create() {
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? Secrets.token() : properties.adminPassword();
        if (generated && properties.adminPasswordFile().isBlank()) {
            // Printed, it would land in a log file or a container's log.
            return Mono.error(new IllegalStateException("No way to hand over the first admin's password without "
                    + "writing it to a log: set DISPATCH_ADMIN_PASSWORD, or DISPATCH_ADMIN_PASSWORD_FILE for a generated one"));
        }
        return directory.registerInternally(new NewMember(null, "Administrator 管理員", null, null, Set.of(Role.ADMIN),
                        null, null, false, USERNAME, password))
                .flatMap(admin -> generated ? credentials.requirePasswordChange(admin.id()).thenReturn(admin) : Mono.just(admin))
                .doOnNext(admin -> {
                    if (!generated) {
                        log.info("Created the first admin account '{}' with the configured password", USERNAME);
                    }
                    else {
                        OwnerOnlyFile.write(Path.of(properties.adminPasswordFile()), password);
                        log.info("Created the first admin account '{}'; its generated password is in {}, readable only by its owner",
                                USERNAME, properties.adminPasswordFile());
                    }
                })
                .onErrorResume(DomainException.class, raced -> Mono.empty())
                .then();
    }
}
