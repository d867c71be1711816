package org.breachline.hooks;

/**
 * A source with its freshly generated secret, answered once on creation and on rotation; the secret cannot be read
 * again. For secret-path sources {@code hookPath} is the full path to configure, secret included.
 */
public record AlertSourceSecretView(AlertSourceView source, String secret, String hookPath) {

    public static AlertSourceSecretView of(AlertSource source, GeneratedSecret secret, java.time.Clock clock) {
        String path = "/hooks/" + source.name()
                + (source.scheme() == AuthScheme.SECRET_PATH ? "/" + secret.secret() : "");
        return new AlertSourceSecretView(AlertSourceView.of(source, clock), secret.secret(), path);
    }

    @Override
    public String toString() {
        return "AlertSourceSecretView[" + source.name() + ", secret redacted]";
    }
}
