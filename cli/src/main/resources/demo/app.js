"use strict";

// The demo page: one of each kind of traffic DataSipper captures, shown as it arrives.

const SYMBOLS = ["ACME", "GLOBX", "INITECH", "UMBRL"];
const FEED_LENGTH = 8;

const byId = (id) => document.getElementById(id);

function setStatus(channel, text, ok) {
  const status = byId(channel + "-status");
  status.textContent = text;
  status.className = "status " + (ok ? "ok" : "error");
}

function addToFeed(listId, text) {
  const item = document.createElement("li");
  const when = document.createElement("span");
  when.className = "when";
  when.textContent = new Date().toLocaleTimeString();
  item.append(when, text);
  const list = byId(listId);
  list.prepend(item);
  while (list.children.length > FEED_LENGTH) {
    list.lastElementChild.remove();
  }
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function pollPrices() {
  try {
    const response = await fetch("/api/prices");
    const prices = await response.json();
    const rows = prices.instruments.map((quote) => {
      const row = document.createElement("tr");
      const direction = quote.change >= 0 ? "up" : "down";
      row.append(
        cell(quote.symbol),
        cell(quote.name),
        cell(quote.price.toFixed(2), "number"),
        cell((quote.change >= 0 ? "+" : "") + quote.change.toFixed(2), "number " + direction));
      return row;
    });
    byId("prices").replaceChildren(...rows);
    setStatus("prices", "updated", true);
  } catch (error) {
    setStatus("prices", "failed: " + error.message, false);
  }
}

async function placeOrder() {
  const order = {
    symbol: SYMBOLS[Math.floor(Math.random() * SYMBOLS.length)],
    side: Math.random() < 0.5 ? "buy" : "sell",
    quantity: 1 + Math.floor(Math.random() * 100),
  };
  try {
    const response = await fetch("/api/orders", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(order),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    addToFeed("orders", `${answer.id} ${answer.side} ${answer.quantity} ${answer.symbol} @ ${answer.price.toFixed(2)}`);
    setStatus("orders", answer.status, true);
  } catch (error) {
    setStatus("orders", "failed: " + error.message, false);
  }
}

function openTicker() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(`${scheme}//${location.host}/ws/ticker`);
  let pinger;
  socket.onopen = () => {
    socket.send(JSON.stringify({ type: "subscribe", symbols: SYMBOLS }));
    pinger = setInterval(() => socket.send(JSON.stringify({ type: "ping", at: Date.now() })), 2000);
  };
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.type === "tick") {
      addToFeed("ticks", `#${data.seq} ${data.symbol} ${data.price.toFixed(2)}`);
    } else if (data.type === "subscribed") {
      setStatus("ticker", "subscribed", true);
    } else if (data.type === "pong") {
      setStatus("ticker", `ping ${Date.now() - data.at} ms`, true);
    } else {
      setStatus("ticker", data.message, false);
    }
  };
  socket.onclose = () => {
    clearInterval(pinger);
    setStatus("ticker", "closed", false);
  };
}

function openNews() {
  const source = new EventSource("/sse/news");
  source.onopen = () => setStatus("news", "open", true);
  source.onerror = () => setStatus("news", "reconnecting", false);
  source.addEventListener("headline", (event) => {
    addToFeed("news", JSON.parse(event.data).text);
  });
  source.addEventListener("status", (event) => {
    addToFeed("news", `market ${JSON.parse(event.data).market} (event ${event.lastEventId})`);
  });
}

pollPrices();
setInterval(pollPrices, 1000);
setInterval(placeOrder, 3000);
openTicker();
openNews();
