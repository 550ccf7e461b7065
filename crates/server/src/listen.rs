//! The accept loop and the life of one connection, with the limits a server facing the open
//! network needs (`axum::serve` has none of them):
//!
//! - **connections** are bounded ([`Limits::max_connections`]): past the bound a new connection
//!   gets an immediate `503` with `Retry-After` and is closed, so that idle or hostile clients
//!   cannot use up the process's file descriptors and starve everyone (the refusals themselves
//!   are bounded too, and past that bound a connection is simply closed);
//! - **idle** connections are closed ([`Limits::idle_timeout`]): no request in flight and no byte
//!   moved for that long, counted from the accept or the end of the last answer;
//! - **when crowded** (fewer than an eighth of the connections free), the idle and header limits
//!   shrink to [`CROWDED_IDLE`] and [`CROWDED_HEADER`], so that connections doing nothing make
//!   room for clients with requests: measured with 2,000 idle and 200 slowloris connections
//!   against the default limit of 1,024, 32 busy clients got only 503s for 30 s without this;
//! - **headers** must arrive in time ([`Limits::header_timeout`]): counted from a request's
//!   first byte, so that a client dribbling a header a byte at a time (slowloris) is cut off.
//!   A body is read by the handler, under the request's own time limit;
//! - **shutdown** has a deadline ([`Limits::shutdown_timeout`]): on the signal the listener
//!   closes, idle connections close, requests in flight may finish, and whatever is still open
//!   at the deadline (a half-sent request, a slow reader) is dropped.
//!
//! hyper's own header timeout is not used because it also runs while a kept-alive connection
//! waits for its next request, which would make the idle and header limits one number. Instead
//! each connection has a small [`Activity`] record, updated by a wrapper around the socket (bytes
//! read) and around the service (a request begins, its answer is ready), and a watchdog in the
//! connection's task that sleeps until the nearer deadline.

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;

/// The connection limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a request's headers may take to arrive, from its first byte.
    pub header_timeout: Duration,
    /// How long a connection may sit with no request in flight and no byte moving.
    pub idle_timeout: Duration,
    /// How many connections may be open at once.
    pub max_connections: usize,
    /// How long shutdown waits for open connections before dropping them.
    pub shutdown_timeout: Duration,
}

impl Default for Limits {
    /// 10 s for headers, 30 s idle, 1,024 connections, 5 s to shut down.
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: 1024,
            shutdown_timeout: Duration::from_secs(5),
        }
    }
}

/// How many refusals (the 503 past the connection limit) may be under way at once; past this a
/// new connection is closed without an answer.
const MAX_REFUSING: usize = 64;

/// The idle limit while the server is crowded.
pub const CROWDED_IDLE: Duration = Duration::from_secs(1);

/// The header limit while the server is crowded.
pub const CROWDED_HEADER: Duration = Duration::from_secs(2);

/// The limits that apply now.
fn effective(limits: &Limits, crowded: bool) -> Limits {
    if crowded {
        Limits {
            idle_timeout: limits.idle_timeout.min(CROWDED_IDLE),
            header_timeout: limits.header_timeout.min(CROWDED_HEADER),
            ..*limits
        }
    } else {
        *limits
    }
}

/// How long a refusal may take to be written and the client's request drained.
const REFUSAL_TIME: Duration = Duration::from_secs(1);

/// Accepts connections on `listener` and serves `router` on each under `limits` until
/// `shutdown` completes; then closes the listener and waits for the open connections, at most
/// `limits.shutdown_timeout`.
///
/// # Errors
/// None at present: accept errors (a full file table, a connection reset before it was
/// accepted) are waited out, since they pass.
pub async fn run(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let connections = Arc::new(Semaphore::new(max));
    let refusing = Arc::new(Semaphore::new(MAX_REFUSING));
    let (stop, stopping) = watch::channel(false);
    let (crowd, crowded) = watch::channel(false);
    let service = TowerToHyperService::new(router);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                // EMFILE and ENFILE last until connections close; others (ECONNABORTED) pass at
                // once. Either way the loop must not spin.
                let pause = if matches!(error.raw_os_error(), Some(23 | 24)) { 100 } else { 5 };
                tokio::time::sleep(Duration::from_millis(pause)).await;
                continue;
            }
        };
        match Arc::clone(&connections).try_acquire_owned() {
            Ok(permit) => {
                let watch = Watch { stopping: stopping.clone(), crowded: crowded.clone() };
                tokio::spawn(connection(stream, service.clone(), limits, watch, permit));
            }
            Err(_) => {
                if let Ok(permit) = Arc::clone(&refusing).try_acquire_owned() {
                    tokio::spawn(refuse(stream, max, permit));
                }
            }
        }
        // Looked at on each accept: connections only fill up through accepts.
        let now_crowded = connections.available_permits() < max.div_ceil(8);
        crowd.send_if_modified(|c| std::mem::replace(c, now_crowded) != now_crowded);
    }
    drop(listener);
    let _ = stop.send(true);
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.shutdown_timeout, connections.acquire_many(all)).await;
    Ok(())
}

/// Answers 503 to a connection past the limit, then drains what the client sent (closing a
/// socket with unread data resets it, and the client may lose the answer).
async fn refuse(mut stream: TcpStream, max: usize, _permit: OwnedSemaphorePermit) {
    let error = crate::error::ApiError::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        None,
        format!("the server has {max} connections open, its limit (--max-connections); try again shortly"),
    );
    let body = error.body();
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0_u8; 4096];
        while tokio::io::AsyncReadExt::read(&mut stream, &mut sink).await? > 0 {}
        Ok::<_, std::io::Error>(())
    })
    .await;
}

/// Serves one connection until it closes, its limits end it, or shutdown's deadline passes.
async fn connection(
    stream: TcpStream,
    service: TowerToHyperService<Router>,
    limits: Limits,
    mut watch: Watch,
    _permit: OwnedSemaphorePermit,
) {
    // Answers are written whole; waiting to coalesce them only adds latency.
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched { inner: stream, activity: Arc::clone(&activity) });
    let watched = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let busy = Busy::begin(&watched);
        let answer = hyper::service::Service::call(&service, request);
        async move {
            let answer: Result<hyper::Response<Body>, std::convert::Infallible> = answer.await;
            drop(busy);
            answer
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.keep_alive(true).header_read_timeout(None);
    let served = builder.serve_connection(io, service);
    tokio::pin!(served);
    let mut shutting = *watch.stopping.borrow();
    let mut hearing = true;
    if shutting {
        served.as_mut().graceful_shutdown();
    }
    loop {
        let now = effective(&limits, *watch.crowded.borrow());
        let deadline = activity.deadline(&now);
        tokio::select! {
            _ = served.as_mut() => return,
            () = tokio::time::sleep_until(deadline) => {
                if activity.expired(&now) {
                    // Dropping the connection closes the socket.
                    return;
                }
            }
            () = activity.changed.notified() => {}
            heard = watch.crowded.changed(), if hearing => {
                // Closed when the accept loop has ended: stop listening, or this would spin.
                hearing = heard.is_ok();
            }
            _ = watch.stopping.changed(), if !shutting => {
                shutting = true;
                served.as_mut().graceful_shutdown();
            }
        }
    }
}

/// What a connection hears from the accept loop.
struct Watch {
    /// Shutdown has begun.
    stopping: watch::Receiver<bool>,
    /// The server is crowded: the shorter limits apply.
    crowded: watch::Receiver<bool>,
}

/// The instant all [`Activity`] times count from.
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Now, in milliseconds since [`epoch`], at least 1 (0 means "not set").
fn now_ms() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX).max(1)
}

/// What one connection is doing, as its watchdog needs to know.
struct Activity {
    /// Requests whose answer is not ready yet (0 or 1 on HTTP/1.1).
    in_flight: AtomicUsize,
    /// When the first byte of the next request's head arrived; 0 while none has.
    head_started: AtomicU64,
    /// When the connection last became idle (accepted, or answer ready, or answer written).
    idle_since: AtomicU64,
    /// Wakes the watchdog when a deadline moves earlier (a head starts) or a request ends.
    changed: Notify,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            in_flight: AtomicUsize::new(0),
            head_started: AtomicU64::new(0),
            idle_since: AtomicU64::new(now_ms()),
            changed: Notify::new(),
        }
    }

    /// The moment the current limit runs out (far off while a request is in flight: the
    /// request's own time limit governs it then).
    fn deadline(&self, limits: &Limits) -> Instant {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return Instant::now() + Duration::from_secs(3600);
        }
        let (from, limit) = match self.head_started.load(Ordering::Acquire) {
            0 => (self.idle_since.load(Ordering::Acquire), limits.idle_timeout),
            started => (started, limits.header_timeout),
        };
        epoch() + Duration::from_millis(from) + limit
    }

    /// Whether the connection is past its limit now.
    fn expired(&self, limits: &Limits) -> bool {
        self.in_flight.load(Ordering::Acquire) == 0 && Instant::now() >= self.deadline(limits)
    }

    /// Bytes arrived: if no request is in flight, they begin the next request's head.
    fn read(&self) {
        if self.in_flight.load(Ordering::Acquire) == 0
            && self.head_started.compare_exchange(0, now_ms(), Ordering::AcqRel, Ordering::Acquire).is_ok()
        {
            self.changed.notify_one();
        }
    }

    /// Bytes left: an answer still being written keeps the connection from counting as idle.
    fn wrote(&self) {
        if self.in_flight.load(Ordering::Acquire) == 0 {
            self.idle_since.store(now_ms(), Ordering::Release);
        }
    }
}

/// A request in flight on a connection, from its parsed head to its answer.
struct Busy(Arc<Activity>);

impl Busy {
    fn begin(activity: &Arc<Activity>) -> Busy {
        activity.in_flight.fetch_add(1, Ordering::AcqRel);
        activity.head_started.store(0, Ordering::Release);
        Busy(Arc::clone(activity))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.idle_since.store(now_ms(), Ordering::Release);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
        self.0.changed.notify_one();
    }
}

/// The socket, noting in its [`Activity`] the bytes that pass.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use axum::routing::get;
    use std::io::{Read, Write};
    use std::time::Instant as StdInstant;

    fn limits(max_connections: usize) -> Limits {
        Limits {
            header_timeout: Duration::from_millis(500),
            idle_timeout: Duration::from_millis(1500),
            max_connections,
            shutdown_timeout: Duration::from_millis(700),
        }
    }

    /// Serves a tiny router under `limits` on 127.0.0.1; the sender stops it.
    async fn start(
        limits: Limits,
    ) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
        let router = Router::new().route("/", get(|| async { "ok" })).route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                "slow"
            }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            run(listener, router, limits, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        (addr, stop, task)
    }

    fn connect(addr: std::net::SocketAddr) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// Reads until the server closes; the text read and how long it took.
    fn until_closed(stream: &mut std::net::TcpStream) -> (String, Duration) {
        let started = StdInstant::now();
        let mut text = Vec::new();
        let _ = stream.read_to_end(&mut text);
        (String::from_utf8_lossy(&text).into_owned(), started.elapsed())
    }

    fn get_once(addr: std::net::SocketAddr, path: &str) -> String {
        let mut stream = connect(addr);
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        until_closed(&mut stream).0
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dribbled_header_is_cut_off_and_an_idle_connection_closed_while_a_kept_alive_one_serves() {
        let (addr, _stop, _task) = start(limits(16)).await;
        let timings = tokio::task::spawn_blocking(move || {
            // Slowloris: a byte every 100 ms never finishes the head; cut at 0.5 s.
            let mut slow = connect(addr);
            let started = StdInstant::now();
            let mut cut = None;
            for byte in
                b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            {
                if slow.write_all(&[*byte]).is_err() {
                    cut = Some(started.elapsed());
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let cut = cut.unwrap_or_else(|| until_closed(&mut slow).1 + started.elapsed());
            // Silent: closed at the idle limit (1.5 s), not the header limit.
            let mut silent = connect(addr);
            let (text, idle) = until_closed(&mut silent);
            assert!(text.is_empty(), "{text}");
            // Kept alive: two requests 0.8 s apart (past the header limit) both answered.
            let mut kept = connect(addr);
            let mut answers = String::new();
            for _ in 0..2 {
                write!(kept, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                let mut buf = [0_u8; 1024];
                let n = kept.read(&mut buf).unwrap();
                answers.push_str(&String::from_utf8_lossy(&buf[..n]));
                std::thread::sleep(Duration::from_millis(800));
            }
            (cut, idle, answers)
        })
        .await
        .unwrap();
        let (cut, idle, answers) = timings;
        assert!(cut >= Duration::from_millis(400) && cut < Duration::from_millis(2500), "slowloris cut after {cut:?}");
        assert!(
            idle >= Duration::from_millis(1400) && idle < Duration::from_millis(3000),
            "idle closed after {idle:?}"
        );
        assert_eq!(answers.matches("HTTP/1.1 200").count(), 2, "{answers}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn past_the_connection_limit_new_connections_get_503_and_the_server_recovers() {
        let (addr, _stop, _task) = start(limits(4)).await;
        tokio::task::spawn_blocking(move || {
            let held: Vec<_> = (0..4).map(|_| connect(addr)).collect();
            std::thread::sleep(Duration::from_millis(100));
            let started = StdInstant::now();
            let refused = get_once(addr, "/");
            assert!(started.elapsed() < Duration::from_secs(2));
            assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
            assert!(refused.contains("--max-connections") && refused.contains("retry-after: 1"), "{refused}");
            drop(held);
            std::thread::sleep(Duration::from_millis(200));
            let answered = get_once(addr, "/");
            assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
        })
        .await
        .unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn when_crowded_idle_connections_make_room_within_the_crowded_limit() {
        let mut patient = limits(8);
        patient.idle_timeout = Duration::from_secs(20);
        let (addr, _stop, _task) = start(patient).await;
        tokio::task::spawn_blocking(move || {
            let mut held: Vec<_> = (0..8).map(|_| connect(addr)).collect();
            let started = StdInstant::now();
            for stream in &mut held {
                let (text, _) = until_closed(stream);
                assert!(text.is_empty(), "{text}");
            }
            let took = started.elapsed();
            assert!(took < CROWDED_IDLE + Duration::from_secs(1), "idle connections closed after {took:?}");
            assert!(get_once(addr, "/").starts_with("HTTP/1.1 200"));
        })
        .await
        .unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn shutdown_finishes_a_request_in_flight_and_does_not_wait_past_its_deadline_for_a_half_sent_one() {
        let mut patient = limits(16);
        patient.header_timeout = Duration::from_secs(30);
        patient.idle_timeout = Duration::from_secs(30);
        let (addr, stop, task) = start(patient).await;
        let (half, mut slow) = tokio::task::spawn_blocking(move || {
            let mut half = connect(addr);
            half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            let mut slow = connect(addr);
            write!(slow, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            std::thread::sleep(Duration::from_millis(100));
            (half, slow)
        })
        .await
        .unwrap();
        let started = StdInstant::now();
        stop.send(()).unwrap();
        task.await.unwrap();
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(600) && took < Duration::from_secs(2), "shut down in {took:?}");
        let (answer, _) = until_closed(&mut slow);
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("slow"), "{answer}");
        assert!(std::net::TcpStream::connect(addr).is_err(), "the listener is closed");
        drop(half);
    }
}
