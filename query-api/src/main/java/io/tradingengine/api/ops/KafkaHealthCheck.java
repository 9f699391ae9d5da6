package io.tradingengine.api.ops;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** The Kafka cluster answers a describe-cluster request within a second, naming its brokers. */
public final class KafkaHealthCheck implements HealthCheck, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Admin admin;

    private KafkaHealthCheck(Admin admin) {
        this.admin = admin;
    }

    /** A check with its own small admin client; {@link #close()} closes it. */
    public static KafkaHealthCheck create(String bootstrapServers) {
        return new KafkaHealthCheck(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "query-api-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())));
    }

    @Override
    public HealthStatus check() {
        try {
            Collection<Node> brokers = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return brokers.isEmpty() ? HealthStatus.down("no brokers")
                    : HealthStatus.up(brokers.size() + (brokers.size() == 1 ? " broker" : " brokers"));
        } catch (ExecutionException e) {
            return HealthStatus.down("unreachable: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return HealthStatus.down("unreachable: no answer within " + TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
