package community.dispatch.gateway.instances;

import java.io.IOException;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatus;

/**
 * Watches every call the load balancer sends to an instance (each attempt, retries included): one that could not
 * connect, was cut off (the instance died or is going away) or was answered 503 takes that instance out of the rotation
 * at once ({@link InstanceStates}), so the call's repeat and the calls after it go to another instance instead of
 * waiting for the next readiness check.
 */
final class EjectOnFailure implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

    private final InstanceStates states;

    EjectOnFailure(InstanceStates states) {
        this.states = states;
    }

    @Override
    public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
        return RequestDataContext.class.isAssignableFrom(requestContextClass) && ResponseData.class.isAssignableFrom(responseClass)
                && ServiceInstance.class.isAssignableFrom(serverTypeClass);
    }

    @Override
    public void onStart(Request<RequestDataContext> request) {
    }

    @Override
    public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> chosen) {
    }

    @Override
    public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
        Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
        if (chosen == null || chosen.getServer() == null) {
            return;
        }
        if (completion.status() == CompletionContext.Status.FAILED && unreachable(completion.getThrowable())) {
            states.failed(chosen.getServer(), String.valueOf(completion.getThrowable()));
        }
        else if (completion.getClientResponse() != null && completion.getClientResponse().getHttpStatus() != null
                && completion.getClientResponse().getHttpStatus().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            states.failed(chosen.getServer(), "it answered 503");
        }
    }

    /** Could not connect, or the connection broke (reset, closed before the answer): an I/O failure anywhere in the causes. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
