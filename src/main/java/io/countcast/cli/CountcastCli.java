package io.countcast.cli;

public final class CountcastCli {
  public static void main(String[] args) {
    System.out.println("countcast");
  }
}
