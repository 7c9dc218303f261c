//! Typed methods, one module per resource: command constructors (for [`Batch`](crate::Batch)
//! and [`Client::send`](crate::Client::send)) and a handler reached from the client
//! (`client.deals().get(410)`).
//!
//! Portal (Bitrix24): [`deals`], [`contacts`], [`duplicates`], [`statuses`], [`categories`],
//! [`products`] (the catalogue, also on the store), [`placements`], [`users`].
//! Store (1C-Bitrix): [`orders`], [`basket_items`], [`sale_statuses`], [`store_products`],
//! [`warehouses`], [`prices`].

pub mod basket_items;
pub mod categories;
pub mod contacts;
pub mod deals;
pub mod duplicates;
pub mod orders;
pub mod placements;
pub mod prices;
pub mod products;
pub mod sale_statuses;
pub mod statuses;
pub mod store_products;
pub mod users;
pub mod warehouses;

/// Declares a handler type borrowing the client (`Copy`; its methods take it by value, so
/// their futures borrow only the client), and its accessor on [`Client`](crate::Client).
macro_rules! handler {
    ($(#[$doc:meta])* $accessor:ident => $module:ident :: $ty:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $ty<'a, T: $crate::Transport, C: $crate::Clock> {
            pub(crate) client: &'a $crate::Client<T, C>,
        }

        impl<T: $crate::Transport, C: $crate::Clock> Clone for $ty<'_, T, C> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T: $crate::Transport, C: $crate::Clock> Copy for $ty<'_, T, C> {}

        impl<T: $crate::Transport, C: $crate::Clock> $crate::Client<T, C> {
            #[doc = concat!("The [`", stringify!($module), "`](crate::methods::", stringify!($module), ") methods.")]
            pub fn $accessor(&self) -> $ty<'_, T, C> {
                $ty { client: self }
            }
        }
    };
}
pub(crate) use handler;
