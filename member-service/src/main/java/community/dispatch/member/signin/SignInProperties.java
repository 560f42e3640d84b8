package community.dispatch.member.signin;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sign-in rules ({@code dispatch.auth.*}; the issuer and its keys are {@link community.dispatch.member.tokens.TokenProperties}).
 *
 * @param refreshTokenTtl how long a refresh token is valid
 * @param codeTtl how long a one-time code is valid
 * @param codeAttempts wrong entries a code survives before it is dead
 * @param codeRequests codes one phone may ask for within {@code window}
 * @param codeRequestsPerAddress codes one client address (an IPv6 /64) may ask for within {@code window}
 * @param codeRequestsInAll codes everyone together may ask for within {@code window}: a ceiling on what
 *        text messages can cost
 * @param failuresBeforeLockout failed sign-ins of one identity within {@code window} that lock it
 * @param failureDelay how long to wait after the second failure before trying again; it doubles with
 *        each further failure (progressive delays)
 * @param window the sliding window of the limits above; a lockout lasts until failures age out of it
 * @param accountCeiling failed password sign-ins of one account, from any address, within {@code accountWindow}
 *        beyond which attempts from addresses the account has not signed in from are slowed (and admins told)
 * @param accountWindow the sliding window of {@code accountCeiling}
 * @param accountDelay the wait between attempts from new addresses just past the ceiling; it doubles with each
 *        further failure
 * @param accountMaxDelay the longest such wait
 * @param knownAddressFor how long an address the account signed in from stays its owner's (never slowed)
 * @param adminPassword the first admin's password; generated when empty
 * @param adminPasswordFile where a generated first admin's password is written, readable only by the
 *        service's user (the local stack shows it on the terminal); with neither, the service does not start
 * @param memberAudiences the processes a member's token is meant for (its {@code aud}); each checks its name is there
 * @param clientAudiences the processes a municipal system's token is meant for
 * @param passwordGrantClients public clients (no secret) that may trade a member's username and
 *        password for tokens at {@code /oauth2/token}: the gateway's Swagger UI ("Authorize")
 */
@ConfigurationProperties("dispatch.auth")
public record SignInProperties(
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5m") Duration codeTtl,
        @DefaultValue("5") int codeAttempts,
        @DefaultValue("3") int codeRequests,
        @DefaultValue("20") int codeRequestsPerAddress,
        @DefaultValue("1000") int codeRequestsInAll,
        @DefaultValue("5") int failuresBeforeLockout,
        @DefaultValue("1s") Duration failureDelay,
        @DefaultValue("15m") Duration window,
        @DefaultValue("20") int accountCeiling,
        @DefaultValue("1h") Duration accountWindow,
        @DefaultValue("5s") Duration accountDelay,
        @DefaultValue("5m") Duration accountMaxDelay,
        @DefaultValue("90d") Duration knownAddressFor,
        @DefaultValue("") String adminPassword,
        @DefaultValue("") String adminPasswordFile,
        @DefaultValue({ "gateway", "request-service", "volunteer-service", "member-service" }) List<String> memberAudiences,
        @DefaultValue({ "gateway", "request-service" }) List<String> clientAudiences,
        @DefaultValue("swagger-ui") Set<String> passwordGrantClients) {
}
