package io.jnas.cluster;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.spark.network.TransportContext;
import org.apache.spark.network.client.TransportClientFactory;
import org.apache.spark.network.crypto.AuthClientBootstrap;
import org.apache.spark.network.sasl.SecretKeyHolder;
import org.apache.spark.network.server.NoOpRpcHandler;
import org.apache.spark.network.util.MapConfigProvider;
import org.apache.spark.network.util.TransportConf;

/**
 * Tries a standalone master before an application is started there: Spark itself retries a registration that fails
 * three times twenty seconds apart, so an unreachable master or a wrong secret would otherwise cost a user a silent
 * minute. With a secret the check is the handshake Spark's RPC client makes (the same user name and key derivation);
 * without one, a connection.
 */
final class MasterCheck {
    /** The user name Spark's RPC layer authenticates as (SecurityManager.getSaslUser). */
    private static final String SASL_USER = "sparkSaslUser";

    private static final int CONNECT_MS = 10_000;

    private MasterCheck() {
    }

    /**
     * Returns normally when {@code master} (spark://host:port) answers and accepts {@code secret} (null: none);
     * IllegalArgumentException naming the problem otherwise.
     */
    static void verify(String master, String secret) {
        URI u = URI.create(master);
        if (u.getHost() == null || u.getPort() < 0) {
            return;
        }
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(u.getHost(), u.getPort()), CONNECT_MS);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the Spark master at " + master + " (" + e.getMessage()
                    + "): check the address, and that the cluster runs (jnas cluster status)");
        }
        if (secret != null) {
            handshake(master, u, secret);
        }
    }

    private static void handshake(String master, URI u, String secret) {
        TransportConf conf = new TransportConf("rpc", new MapConfigProvider(Map.of("spark.network.crypto.enabled", "true",
                "spark.network.crypto.saslFallback", "false", "spark.rpc.io.numConnectionsPerPeer", "1")));
        SecretKeyHolder keys = new SecretKeyHolder() {
            @Override
            public String getSaslUser(String appId) {
                return SASL_USER;
            }

            @Override
            public String getSecretKey(String appId) {
                return secret;
            }
        };
        try (TransportContext ctx = new TransportContext(conf, new NoOpRpcHandler(), true);
                TransportClientFactory f = ctx.createClientFactory(List.of(new AuthClientBootstrap(conf, SASL_USER, keys)))) {
            f.createClient(u.getHost(), u.getPort()).close();
        } catch (IOException | RuntimeException e) {
            if (!(e.getCause() instanceof java.net.ConnectException)) { // a refused handshake, not a vanished master
                throw new IllegalArgumentException("the Spark master at " + master + " refused this secret: give the "
                        + "--secret-file jnas cluster start wrote for it (next to its cluster.json)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
