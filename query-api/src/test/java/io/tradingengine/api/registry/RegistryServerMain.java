package io.tradingengine.api.registry;

import io.tradingengine.api.ApiConfig;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry on its own port over an in-memory store holding three schemas, reads open, for measuring
 * {@code GET /registry/schemas/ids/{id}} under load with wrk (docs/schema-registry.md). Argument: the port
 * (default 18081). Stops on Ctrl-C.
 */
public final class RegistryServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServerMain.class);

    private RegistryServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        InMemorySchemaStore store = new InMemorySchemaStore();
        store.register("orders-value", Order.getClassSchema());
        store.register("prices-value", PriceTick.getClassSchema());
        store.register("markets-value", Market.getClassSchema());
        RegistryServer server = RegistryServer.create(ApiConfig.of(RegistryHttp.SECRET), store,
                RegistrySettings.open()).start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        LOG.info("Registry ready on port {}", server.port());
        stopped.await();
    }
}
