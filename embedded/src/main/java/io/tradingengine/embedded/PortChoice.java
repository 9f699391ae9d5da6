package io.tradingengine.embedded;

/**
 * The outcome of {@link Ports#choose(int)}: the port to use, the one that was asked for, and whether it had to be
 * replaced because it was taken (so {@code dev} can say "port 8080 in use, using 41234").
 *
 * @param port      the port to bind
 * @param preferred the port that was asked for ({@code 0} means "any free port")
 * @param replaced  true when {@code preferred} was a real port that could not be bound
 */
public record PortChoice(int port, int preferred, boolean replaced) {
}
