/** What the history lists (trades, order results from the database) share: the keyset cursor and its failure. */
package io.tradingengine.api.history;
