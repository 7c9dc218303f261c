//! One app session inside Bitrix24: the frame, the context it gave, and the two REST clients.

use std::time::Duration;

use bitrix_rest::{Client, Error, ErrorKind, Token};

use crate::frame::{Auth, Frame, FrameError, InitData};
use crate::i18n::Lang;
#[cfg(feature = "tab")]
use crate::markup::notice::Audience;
use crate::model::app_admin::{ADMIN_OPTION, AppAdmin};
use crate::model::settings::{SETTINGS_OPTION, Settings, SettingsError};

/// Why the store cannot be called.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreAccess {
    /// The store's webhook is set: calls go through this client.
    Ready(Client),
    /// No store connection is configured yet.
    NotConfigured,
}

impl StoreAccess {
    /// The store's client, when the store is configured.
    pub fn client(&self) -> Option<&Client> {
        match self {
            StoreAccess::Ready(c) => Some(c),
            StoreAccess::NotConfigured => None,
        }
    }
}

/// Everything a page needs, shared through a Yew context.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub frame: Frame,
    pub init: InitData,
    pub lang: Lang,
    /// The portal's REST client (OAuth, refreshed through the frame).
    pub portal: Client,
    /// The store's REST client, when configured.
    pub store: StoreAccess,
    /// The admin's settings (defaults when none are saved).
    pub settings: Settings,
    /// Set when saved settings could not be read (they are then shown as defaults).
    pub settings_problem: Option<SettingsError>,
    /// The administrator who saved the settings last (or installed the app), when known.
    pub admin: Option<AppAdmin>,
}

impl Session {
    /// Asks the portal for the app's context and sets up both clients.
    pub async fn open(frame: Frame) -> Result<Session, FrameError> {
        let init = frame.init_data().await?;
        let lang = Lang::from_code(&init.lang);
        let (settings, settings_problem) = match init.app_option(SETTINGS_OPTION) {
            None => (Settings::default(), None),
            Some(value) => match Settings::from_value(&value) {
                Ok(s) => (s, None),
                Err(e) => (Settings::default(), Some(e)),
            },
        };
        let portal = portal_client(&frame, &init).map_err(|e| FrameError::BadAnswer {
            command: "getInitData".into(),
            reason: e.to_string(),
        })?;
        let store = store_client(&settings);
        let admin = init
            .app_option(ADMIN_OPTION)
            .and_then(|v| AppAdmin::from_value(&v));
        Ok(Session {
            frame,
            init,
            lang,
            portal,
            store,
            settings,
            settings_problem,
            admin,
        })
    }

    /// Who reads this session's notices: an administrator, or a rep told whom to ask.
    #[cfg(feature = "tab")]
    pub fn audience(&self) -> Audience<'_> {
        Audience {
            lang: self.lang,
            is_admin: self.init.is_admin,
            admin: self.admin_to_ask(),
        }
    }

    /// The administrator to name to this person when they are told to ask one: no one for an
    /// administrator (they can act themselves), or when no one is known.
    pub fn admin_to_ask(&self) -> Option<&str> {
        match self.init.is_admin {
            true => None,
            false => self.admin.as_ref().map(|a| a.name.as_str()),
        }
    }

    /// A copy with new settings saved by the admin (the store client follows them).
    pub fn with_settings(&self, settings: Settings) -> Session {
        let mut next = self.clone();
        next.store = store_client(&settings);
        next.settings = settings;
        next.settings_problem = None;
        next
    }
}

fn token(auth: &Auth) -> Token {
    let secs = u64::try_from(auth.expires_in).unwrap_or(0);
    if secs == 0 {
        Token::without_expiry(auth.access_token.clone())
    } else {
        Token::new(auth.access_token.clone(), Duration::from_secs(secs))
    }
}

fn portal_client(frame: &Frame, init: &InitData) -> Result<Client, Error> {
    let scheme = if init.https { "https" } else { "http" };
    let domain = if init.domain.is_empty() {
        frame
            .portal_origin()
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    } else {
        init.domain.clone()
    };
    let path = if init.path.is_empty() {
        "/rest"
    } else {
        init.path.as_str()
    };
    let endpoint = format!("{scheme}://{domain}{}/", path.trim_end_matches('/'));
    let frame = frame.clone();
    Client::builder().oauth(&endpoint, token(&init.auth), move || {
        let frame = frame.clone();
        async move {
            frame
                .refresh_auth()
                .await
                .map(|auth| token(&auth))
                .map_err(|e| Error::new(ErrorKind::Auth, "refreshAuth", e.to_string()))
        }
    })
}

fn store_client(settings: &Settings) -> StoreAccess {
    match settings.store_webhook.as_ref() {
        Some(hook) => match Client::webhook(&hook.base_url()) {
            Ok(client) => StoreAccess::Ready(client),
            Err(_) => StoreAccess::NotConfigured,
        },
        None => StoreAccess::NotConfigured,
    }
}
