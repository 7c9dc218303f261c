//! A loopback port where nothing answers, held for as long as a test needs it.
//!
//! Binding a listener and dropping it at once frees the port: a server another test starts
//! meanwhile may be given it, and the "unreachable" address answers after all. This socket is
//! bound but never listens, so connecting to it is refused and no one else can bind it.

use socket2::{Domain, Socket, Type};

/// A bound, never listening TCP socket on `127.0.0.1`; the port is free again when dropped.
pub struct ClosedPort {
    port: u16,
    _socket: Socket,
}

impl ClosedPort {
    pub fn reserve() -> ClosedPort {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("a TCP socket");
        let any = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        socket.bind(&any.into()).expect("a free loopback port");
        let port = socket
            .local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .map(|a| a.port())
            .expect("the bound port");
        ClosedPort {
            port,
            _socket: socket,
        }
    }

    /// A store webhook address at this port (the sandbox's secret, so only the port is wrong).
    pub fn store_webhook(&self) -> String {
        format!(
            "http://127.0.0.1:{}/rest/1/store-webhook-secret/",
            self.port
        )
    }
}
