/**
 * The embedded runtime behind {@code ./trading-engine dev} and the integration tests: real servers started by this
 * process, no mocks.
 *
 * <ul>
 *   <li>{@link io.tradingengine.embedded.EmbeddedKafka}: Apache Kafka in KRaft combined mode, in this JVM.</li>
 *   <li>{@link io.tradingengine.embedded.EmbeddedPostgres}: PostgreSQL from the zonky Maven binaries, as a child
 *       process (run as {@code nobody} through {@code setpriv} when this JVM is root).</li>
 *   <li>{@link io.tradingengine.embedded.EmbeddedRedis}: Redis from the embedded-redis binary, as a child process.</li>
 *   <li>{@link io.tradingengine.embedded.Ports} and {@link io.tradingengine.embedded.KafkaTopics}: helpers.</li>
 * </ul>
 *
 * <p>Kafka and PostgreSQL keep their data under the directories they are given, so a restart carries on. Every
 * server listens on 127.0.0.1 only.
 */
package io.tradingengine.embedded;
