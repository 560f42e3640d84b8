package community.dispatch.kit.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose operations refuse in the format of a standard they implement (Open311's error
 * lists, say) rather than problem+json: the errors each operation documents are left as documented.
 * Refusals made before the operation is reached (the gateway's rate limit, the firewall) stay problem+json.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OwnErrorFormat {
}
