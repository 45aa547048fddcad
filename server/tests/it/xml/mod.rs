//! A small XML tree for tests, built with quick-xml: parsing fails (panics) on anything that is
//! not well-formed (mismatched or unclosed tags, text outside the root, a second root).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }
}

fn element(e: &BytesStart<'_>) -> Element {
    let name = String::from_utf8(e.name().as_ref().to_vec()).expect("utf-8 name");
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).expect("utf-8 key"),
                a.normalized_value(quick_xml::XmlVersion::default())
                    .expect("attribute value")
                    .into_owned(),
            )
        })
        .collect();
    Element {
        name,
        attrs,
        ..Element::default()
    }
}

/// Parses a whole document and returns its root element.
pub fn parse(text: &str) -> Element {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => {
                        assert!(root.is_none(), "a single root");
                        root = Some(el);
                    }
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("balanced tags");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => {
                        assert!(root.is_none(), "a single root");
                        root = Some(el);
                    }
                }
            }
            Event::Text(t) => {
                let t = t.decode().expect("utf-8 text");
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&t),
                    None => assert!(t.trim().is_empty(), "no text outside the root"),
                }
            }
            Event::GeneralRef(r) => {
                let el = stack.last_mut().expect("reference inside an element");
                let name = r.decode().expect("utf-8 reference");
                el.text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other}"),
                });
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::CData(_) => {}
            Event::DocType(_) => panic!("no DOCTYPE expected"),
        }
    }
    assert!(stack.is_empty(), "every element closed");
    root.expect("a root element")
}
